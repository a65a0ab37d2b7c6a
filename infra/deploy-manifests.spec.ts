import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { AppConfig, loadConfig } from '@app/config';
import { PROJECT_SEARCH_ATTRIBUTES } from '@app/workflows/search-attributes';
import { repoRoot } from './dev/repo-root';
import { TEMPORAL_SERVER_VERSION } from './dev/temporal-server-binary';

type Env = Record<string, string | number | boolean>;
interface ComposeService {
  image?: string;
  build?: { dockerfile: string };
  environment?: Env;
  ports?: string[];
  command?: string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}
interface K8sContainer {
  name: string;
  image: string;
  env?: { name: string; value: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: number } };
  livenessProbe?: { httpGet: { path: string; port: number } };
}
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  data?: Env;
  spec?: {
    replicas?: number;
    template?: { spec: { containers: K8sContainer[]; terminationGracePeriodSeconds?: number } };
  };
}

const root = repoRoot();
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const known = new Set(Object.keys(new AppConfig()));
const compose = parse(read('infra/compose/compose.yaml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const k8s = parseAllDocuments(read('infra/k8s/incubation.yaml')).map((doc) => doc.toJS() as K8sDoc);
const values = parse(read('infra/k8s/temporal-values.yaml')) as {
  server: { image: { tag: string } };
};
const ours = (image = ''): boolean => image.startsWith('incubation-pipeline-');
const oursInCompose = Object.entries(compose.services).filter(([, service]) => ours(service.image));
const deployments = k8s.filter((doc) => doc.kind === 'Deployment' || doc.kind === 'Job');
const containers = deployments.flatMap((doc) => doc.spec?.template?.spec.containers ?? []);
const configMap = k8s.find((doc) => doc.kind === 'ConfigMap')?.data ?? {};

/** The runtime stage of a Dockerfile: its base, user and exposed ports. */
function dockerfile(path: string): { stages: number; user: string; expose: number[]; cmd: string } {
  const lines = read(path).split('\n');
  const last = lines.map((line) => line.startsWith('FROM ')).lastIndexOf(true);
  const runtime = lines.slice(last);
  const value = (keyword: string): string[] =>
    runtime
      .filter((line) => line.startsWith(`${keyword} `))
      .map((line) => line.slice(keyword.length + 1));
  return {
    stages: lines.filter((line) => line.startsWith('FROM ')).length,
    user: value('USER')[0] ?? 'root',
    expose: value('EXPOSE').map(Number),
    cmd: value('CMD')[0] ?? '',
  };
}

describe('deployment files', () => {
  it('set only environment variables the config class knows, with values it accepts', () => {
    const sets: [string, Env][] = [
      ...oursInCompose.map(([name, service]): [string, Env] => [name, service.environment ?? {}]),
      ['k8s ConfigMap', configMap],
      ...containers.map((container): [string, Env] => [
        `k8s ${container.name}`,
        Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value])),
      ]),
    ];
    for (const [where, env] of sets) {
      expect({ where, unknown: Object.keys(env).filter((key) => !known.has(key)) }).toEqual({
        where,
        unknown: [],
      });
    }
    // The ConfigMap loads as it is (the Secret supplies the rest).
    expect(() =>
      loadConfig(
        Object.fromEntries(Object.entries(configMap).map(([key, value]) => [key, String(value)])),
      ),
    ).not.toThrow();
  });

  it('build our images from multi-stage Dockerfiles that run as a non-root user', () => {
    for (const [name, file] of [
      ['api', 'infra/docker/api.Dockerfile'],
      ['worker', 'infra/docker/worker.Dockerfile'],
    ]) {
      const parsed = dockerfile(file);
      expect(parsed.stages).toBeGreaterThanOrEqual(2);
      expect(['root', '0']).not.toContain(parsed.user);
      expect(parsed.cmd).toContain(`dist/apps/${name}/src/main.js`);
    }
    for (const [name, service] of oursInCompose) {
      const kind = service.image?.includes('worker') ? 'worker' : 'api';
      expect({ name, dockerfile: service.build?.dockerfile }).toEqual({
        name,
        dockerfile: `infra/docker/${kind}.Dockerfile`,
      });
    }
  });

  it('run two APIs and two workers, on the ports and probes the API listens on', () => {
    const apiPort = Number(new AppConfig().PORT);
    expect(dockerfile('infra/docker/api.Dockerfile').expose).toEqual([apiPort]);
    const apis = oursInCompose.filter(([name]) => name.startsWith('api-'));
    const workers = oursInCompose.filter(([name]) => name.startsWith('worker-'));
    expect([apis.length, workers.length]).toEqual([2, 2]);
    for (const [, api] of apis) {
      expect(Number(api.environment?.PORT)).toBe(apiPort);
      expect(api.ports?.every((port) => port.endsWith(`:${apiPort}`))).toBe(true);
      expect(api.healthcheck?.test.join(' ')).toContain(`:${apiPort}/health/ready`);
    }
    const api = deployments.find((doc) => doc.metadata.name === 'incubation-api');
    const worker = deployments.find((doc) => doc.metadata.name === 'incubation-worker');
    expect([api?.spec?.replicas, worker?.spec?.replicas]).toEqual([2, 2]);
    const container = api?.spec?.template?.spec.containers[0];
    expect(container?.ports?.map((port) => port.containerPort)).toEqual([apiPort]);
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: apiPort });
    expect(container?.livenessProbe?.httpGet).toEqual({ path: '/health', port: apiPort });
  });

  it('give workers longer to stop than the worker takes to drain', () => {
    const graceMs = Number(configMap.WORKER_SHUTDOWN_GRACE_MS);
    const worker = deployments.find((doc) => doc.metadata.name === 'incubation-worker');
    expect(
      (worker?.spec?.template?.spec.terminationGracePeriodSeconds ?? 0) * 1000,
    ).toBeGreaterThan(graceMs);
    for (const [, service] of oursInCompose.filter(([name]) => name.startsWith('worker-'))) {
      const composeGrace = Number(service.environment?.WORKER_SHUTDOWN_GRACE_MS);
      expect(parseInt(service.stop_grace_period ?? '0', 10) * 1000).toBeGreaterThan(composeGrace);
    }
  });

  it('use the Temporal server this project builds and tests, and register its search attributes', () => {
    const version = TEMPORAL_SERVER_VERSION.slice(1);
    expect(compose.services.temporal.image).toBe(`temporalio/server:${version}`);
    expect(values.server.image.tag).toBe(version);
    const address = configMap.TEMPORAL_ADDRESS;
    expect(address).toBe('temporal-frontend:7233');
    const register = (compose.services['temporal-namespace'].command ?? []).join(' ');
    const types = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', BOOL: 'Bool' } as Record<
      string,
      string
    >;
    for (const key of PROJECT_SEARCH_ATTRIBUTES) {
      expect(register).toContain(`--name ${key.name} --type ${types[key.type]}`);
    }
    // The API and workers reach Temporal where compose runs it.
    for (const [, service] of oursInCompose) {
      expect(service.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    }
  });
});
