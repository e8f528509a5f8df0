import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the gateway: HTTP requests and Fabric calls. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'tongban_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'tongban_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly fabricCalls = new Counter({
    name: 'tongban_fabric_calls_total',
    help: 'Fabric Gateway calls by kind (evaluate, submit), transaction and outcome',
    labelNames: ['kind', 'transaction', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly fabricDuration = new Histogram({
    name: 'tongban_fabric_call_duration_seconds',
    help: 'Fabric Gateway call latency by kind and transaction',
    labelNames: ['kind', 'transaction'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
