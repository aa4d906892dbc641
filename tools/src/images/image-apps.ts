import {
  API_CONTRACT,
  DB_BOOTSTRAP_CONTRACT,
  PRODUCER_CONTRACT,
  acceptedKeys,
  type ContractShape,
} from '@lakehouse/contracts';
import type { EnvironmentConfig } from '@lakehouse/infra/rehearsal';

/** An app that ships as a container image built over its bundle (`apps/<app>/Dockerfile`). */
export interface ImageApp {
  /** Folder under apps/ and Nx project name. */
  readonly app: string;
  /** Its settings contract: decides whether the image carries the MySQL CA bundle. */
  readonly contract: ContractShape;
  /** Folders besides the bundle that the app reads at run time, relative to the app's folder. */
  readonly assets: readonly string[];
  /** Port infra has the process listen on (the Dockerfile's EXPOSE); unset for apps that serve nothing. */
  readonly listensOn?: (env: EnvironmentConfig) => number;
}

/**
 * The container-instance images (the ingest function has its own Fn image: apps/ingest-fn/Dockerfile). The API
 * serves its dashboard from `../web/dist` relative to its bundle, so the image keeps that layout.
 */
export const IMAGE_APPS: readonly ImageApp[] = [
  { app: 'api', contract: API_CONTRACT, assets: ['web/dist'], listensOn: (env) => env.api.port },
  { app: 'producer', contract: PRODUCER_CONTRACT, assets: [] },
  { app: 'db-bootstrap', contract: DB_BOOTSTRAP_CONTRACT, assets: [] },
];

/** Whether the app connects to MySQL, and so needs the DB system's CA bundle in its image. */
export function needsMysqlCa(app: ImageApp): boolean {
  return acceptedKeys(app.contract).includes('MYSQL_TLS_CA_FILE');
}

/** The {@link ImageApp} named `name`; throws naming the known ones. */
export function imageApp(name: string): ImageApp {
  const found = IMAGE_APPS.find((a) => a.app === name);
  if (found === undefined)
    throw new Error(`no image app ${name} (known: ${IMAGE_APPS.map((a) => a.app).join(', ')})`);
  return found;
}
