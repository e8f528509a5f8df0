/**
 * The gateway's Nest application for unit tests: the real modules, guard,
 * pipes and filter, with the Ledger replaced by a scripted fake (no network).
 */
// Sets the environment before AppModule (whose ConfigModule reads it on import) loads.
import './test-env';
import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import * as grpc from '@grpc/grpc-js';
import type { ChaincodeEvent, CloseableAsyncIterable, Gateway } from '@hyperledger/fabric-gateway';
import { Role } from '@tongban/chaincode/domain';
import { AppModule } from '../../src/app.module';
import { FabricService } from '../../src/fabric/fabric.service';
import { Drain } from '../../src/common/drain';
import { configureHttp, httpsOptionsOf } from '../../src/http-setup';
import { validateConfig } from '../../src/config/configuration';
import { setUpOpenApi } from '../../src/openapi/document';
import { Ledger, SubmitOptions } from '../../src/fabric/ledger';
import { connectOfflineGateway } from '../../src/fabric/connection';
import { testChannelConfig } from './test-env';

export interface LedgerCall {
  kind: 'evaluate' | 'submit';
  role: Role;
  transaction: string;
  args: string[];
  options?: SubmitOptions;
}

/** Records every call and answers with what the test scripted for the transaction. */
export class FakeLedger extends Ledger {
  readonly calls: LedgerCall[] = [];
  private readonly answers = new Map<string, (call: LedgerCall) => unknown>();

  get mspId(): string {
    return 'HaidianMSP';
  }

  get readerRole(): Role {
    return 'auditor';
  }

  /** What channelConfig answers (the test cities by default), or throws; a test may script another. */
  channelConfigAnswer: () => Uint8Array = testChannelConfig;
  /** How many times the channel's configuration was read. */
  channelConfigReads = 0;

  readonly channel = 'tongban';
  readonly chaincode = 'tongban';
  private offlineClient?: grpc.Client;

  /** As FabricService's: prepares a staff member's messages (the client never connects: nothing is sent until signed). */
  offlineGateway(certificate: string): Gateway {
    this.offlineClient ??= new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
    return connectOfflineGateway(this.offlineClient, { mspId: this.mspId, credentials: Buffer.from(certificate) });
  }

  /** Scripts the answer (thrown error, or a promise of either) of a transaction such as 'Cases:GetCase'. */
  answer(transaction: string, reply: (call: LedgerCall) => unknown): void {
    this.answers.set(transaction, reply);
  }

  evaluate(role: Role, transaction: string, ...args: string[]): Promise<Uint8Array> {
    return this.reply({ kind: 'evaluate', role, transaction, args });
  }

  protected submitTransaction(role: Role, transaction: string, options: SubmitOptions): Promise<Uint8Array> {
    return this.reply({ kind: 'submit', role, transaction, args: options.arguments ?? [], options });
  }

  /** The scripted configuration, read apart from `calls`: the partner trust reads it in the background. */
  channelConfig(): Promise<Uint8Array> {
    this.channelConfigReads += 1;
    return new Promise((resolve) => {
      resolve(this.channelConfigAnswer());
    });
  }

  /** A stream that stays open and yields nothing until closed. */
  chaincodeEvents(): Promise<CloseableAsyncIterable<ChaincodeEvent>> {
    let close: () => void = () => undefined;
    const closed = new Promise<IteratorResult<ChaincodeEvent>>((resolve) => {
      close = () => {
        resolve({ done: true, value: undefined });
      };
    });
    return Promise.resolve({
      close: () => {
        close();
      },
      [Symbol.dispose]: () => {
        close();
      },
      [Symbol.asyncIterator]: () => ({ next: () => closed }),
    });
  }

  /** Records the call and answers with the scripted reply; a scripted throw (or no script) rejects. */
  private reply(call: LedgerCall): Promise<Uint8Array> {
    this.calls.push(call);
    const answer = this.answers.get(call.transaction);
    return new Promise((resolve) => {
      if (!answer) throw new Error(`no scripted answer for ${call.transaction}`);
      // A scripted reply may be a promise, to hold a call open.
      resolve(Promise.resolve(answer(call)).then((value) => Buffer.from(JSON.stringify(value))));
    });
  }
}

/**
 * The app over the scripted ledger. Plain HTTP for supertest, unless `https`:
 * then as the service runs, HTTPS with the test Haidian gateway's certificate,
 * asking for client certificates (listen on a port and call it with httpsFetch).
 */
export async function createTestApp(ledger: FakeLedger, drain = new Drain(), options: { https?: boolean } = {}): Promise<INestApplication<Server>> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(FabricService)
    .useValue(ledger)
    .compile();
  const httpsOptions = options.https ? httpsOptionsOf(validateConfig(process.env).tls) : undefined;
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false, httpsOptions });
  configureHttp(app, drain);
  setUpOpenApi(app);
  await app.init();
  return app;
}

export { TEST_CITIES, TEST_KEYS, testEnvironment } from './test-env';
