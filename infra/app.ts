#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addChrmStacks } from './chrm-app';

addChrmStacks(new App());
