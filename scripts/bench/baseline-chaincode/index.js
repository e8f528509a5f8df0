'use strict';
// The benchmark's baseline chaincode: one key written, no checks, no reads.
const { Contract } = require('fabric-contract-api');

class BaselineContract extends Contract {
  constructor() {
    super('Baseline');
  }

  async Put(ctx, key, value) {
    await ctx.stub.putState(key, Buffer.from(value));
  }

  async Get(ctx, key) {
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }
}

module.exports.contracts = [BaselineContract];
