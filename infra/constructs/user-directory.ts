import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
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

    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      idTokenValidity: Duration.hours(1),
      // Users may edit their name, never their role or partner.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
