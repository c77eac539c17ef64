/** How test/support/local-stack-child.ts announces it is up: this prefix, then the stack's endpoints as JSON. */
export const upLinePrefix = 'CHRM-LOCAL-STACK-UP ';
