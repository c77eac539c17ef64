import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ChrmFunction } from './chrm-function';

/**
 * Who may sign in: a Cognito user pool whose users carry `custom:role` and, for partner users,
 * `custom:partnerId`. Only administrators set those attributes (the app client cannot write them).
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The hosted UI the portal sends users to (its app client lives in the web stack, which knows its URL). */
  readonly hostedUi: UserPoolDomain;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        role: new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 }),
        partnerId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 40 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.userPool, [
      {
        id: 'AwsSolutions-COG3',
        reason: 'Threat protection needs the Cognito Plus plan, billed per user; the deployer opts in.',
      },
    ]);

    const claims = new ChrmFunction(this, 'PreTokenGeneration', {
      entry: 'functions/auth/pre-token-generation.ts',
      description: 'Copies role and partnerId user attributes into token claims',
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, claims.function);

    // A Cognito domain prefix is unique per region: the account id keeps two deployments apart.
    this.hostedUi = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: `chrm-${Stack.of(this).account}` },
    });

    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      idTokenValidity: Duration.hours(1),
      // Users may edit their name, never their role or partner.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
