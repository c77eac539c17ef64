#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addChrmStacks, addNagChecks } from './chrm-app';

const app = new App();
addChrmStacks(app);
addNagChecks(app);
