// Explicit wiring: database → repositories → services. Every entry point (web, worker, CLI, tests) builds one.
import type { Config } from './config';
import { createDatabase, type Database } from './db/database';
import { runMigrations } from './db/migrate';
import { AlertRepository, createAlertTransact } from './repositories/alert.repository';
import { NotificationChannelRepository } from './repositories/notification-channel.repository';
import { AlertService, type AlertServiceOptions } from './services/alert.service';
import { AuditRepository } from './repositories/audit.repository';
import { BrandRepository } from './repositories/brand.repository';
import { CrisisRepository, createCrisisTransact } from './repositories/crisis.repository';
import { OnCallRepository } from './repositories/on-call.repository';
import { PlaybookRepository } from './repositories/playbook.repository';
import { type Clock, systemClock } from './repositories/clock.repository';
import { CryptoRepository } from './repositories/crypto.repository';
import { EventBusRepository } from './repositories/event-bus.repository';
import { EventRepository } from './repositories/event.repository';
import { IdentityRepository } from './repositories/identity.repository';
import { type JobRepository, PgBossJobRepository, type PgBossTuning } from './repositories/job.repository';
import { createTransact } from './repositories/transaction.repository';
import { MentionRepository, createListeningTransact } from './repositories/mention.repository';
import { RollupRepository } from './repositories/rollup.repository';
import { secretBoxFromConfig } from './repositories/secret-box.repository';
import { SentimentModelRepository } from './repositories/sentiment-model.repository';
import { OnnxSentimentRepository } from './repositories/onnx-sentiment.repository';
import { createSentimentTransact, SentimentLabelRepository } from './repositories/sentiment-label.repository';
import { SentimentService } from './services/sentiment.service';
import { builtinMentionModel } from './domain/sentiment/mention-scorer';
import { SourceRepository } from './repositories/source.repository';
import { IngestionService, type IngestionTuning } from './services/ingestion.service';
import { ListeningService } from './services/listening.service';
import { MentionService } from './services/mention.service';
import { SourceService } from './services/source.service';
import { ApiTokenService } from './services/api-token.service';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { BrandService } from './services/brand.service';
import { CrisisService } from './services/crisis.service';
import { OnCallService } from './services/on-call.service';
import { PlaybookService } from './services/playbook.service';
import { MemberService } from './services/member.service';
import { WebhookSourceService } from './services/webhook-source.service';
import { ImportService } from './services/import.service';
import { WorkspaceService } from './services/workspace.service';
import { DetectionRepository } from './repositories/detection.repository';
import { createSignalTransact, SignalRepository } from './repositories/signal.repository';
import { DetectionService, type DetectionOptions } from './services/detection.service';
import { RoutingRuleService } from './services/routing-rule.service';
import { SignalService } from './services/signal.service';

export interface Container {
  config: Config;
  database: Database;
  clock: Clock;
  bus: EventBusRepository;
  jobs: JobRepository;
  repositories: {
    identity: IdentityRepository;
    brands: BrandRepository;
    audit: AuditRepository;
    events: EventRepository;
    crises: CrisisRepository;
    playbooks: PlaybookRepository;
    onCall: OnCallRepository;
    mentions: MentionRepository;
    rollups: RollupRepository;
    sources: SourceRepository;
    alerts: AlertRepository;
    notificationChannels: NotificationChannelRepository;
    signals: SignalRepository;
    detection: DetectionRepository;
  };
  services: {
    auth: AuthService;
    workspaces: WorkspaceService;
    members: MemberService;
    brands: BrandService;
    apiTokens: ApiTokenService;
    audit: AuditService;
    crises: CrisisService;
    playbooks: PlaybookService;
    onCall: OnCallService;
    ingestion: IngestionService;
    mentions: MentionService;
    sources: SourceService;
    listening: ListeningService;
    webhookSources: WebhookSourceService;
    imports: ImportService;
    alerts: AlertService;
    sentiment: SentimentService;
    signals: SignalService;
    routingRules: RoutingRuleService;
    detection: DetectionService;
  };
  close(): Promise<void>;
}

export interface ContainerOptions {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  clock?: Clock;
  jobTuning?: PgBossTuning;
  /** Apply pending migrations before wiring (default true). */
  migrate?: boolean;
  /** Ingestion pipeline sizes (tests and benchmarks). */
  ingestion?: IngestionTuning;
  /** Alert delivery retries, flood control and the Slack Web API base (tests). */
  alerting?: AlertServiceOptions;
  /** Detection run tuning (tests and benchmarks: warm-up, checkpoints, thresholds). */
  detection?: DetectionOptions;
}

/** Largest ingest transaction on PGlite (mentions). */
export const pgliteIngestBatch = 250;

export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const database = options.database ?? (await createDatabase(config));
  try {
    if (options.migrate ?? true) await runMigrations(database);
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
  const clock = options.clock ?? systemClock;
  const crypto = new CryptoRepository();
  const db = database.db;
  const transact = createTransact(db);
  const repositories = {
    identity: new IdentityRepository(db),
    brands: new BrandRepository(db),
    audit: new AuditRepository(db),
    events: new EventRepository(db),
    crises: new CrisisRepository(db),
    playbooks: new PlaybookRepository(db),
    onCall: new OnCallRepository(db),
    mentions: new MentionRepository(db),
    rollups: new RollupRepository(db),
    sources: new SourceRepository(db),
    alerts: new AlertRepository(db),
    notificationChannels: new NotificationChannelRepository(db),
    signals: new SignalRepository(db),
    detection: new DetectionRepository(db),
  };
  const bus = new EventBusRepository(database);
  const jobs = new PgBossJobRepository(database, options.jobTuning);
  const services = {
    auth: new AuthService({
      identity: repositories.identity,
      transact,
      crypto,
      clock,
      loginMaxAttempts: config.loginMaxAttempts,
    }),
    workspaces: new WorkspaceService({ identity: repositories.identity, transact, crypto }),
    members: new MemberService({
      identity: repositories.identity,
      transact,
      crypto,
      clock,
      publicUrl: config.publicUrl,
    }),
    brands: new BrandService({ brands: repositories.brands, transact, clock }),
    apiTokens: new ApiTokenService({ identity: repositories.identity, transact, crypto, clock }),
    audit: new AuditService({ audit: repositories.audit }),
  };
  const crisisTransact = createCrisisTransact(db);
  const playbooks = new PlaybookService({ playbooks: repositories.playbooks, transact: crisisTransact });
  const onCall = new OnCallService({
    onCall: repositories.onCall,
    identity: repositories.identity,
    transact: crisisTransact,
    clock,
  });
  const warRoom = {
    playbooks,
    onCall,
    crises: new CrisisService({
      crises: repositories.crises,
      identity: repositories.identity,
      transact: crisisTransact,
      clock,
      jobs,
      playbooks,
      onCall,
    }),
  };
  const sentimentModels = new SentimentModelRepository();
  const onnxSentimentModels = new OnnxSentimentRepository();
  const sentiment = new SentimentService({
    labels: new SentimentLabelRepository(db),
    brands: repositories.brands,
    transact: createSentimentTransact(db),
    clock,
    loadModel: async () =>
      config.sentimentModelDir
        ? {
            model: await onnxSentimentModels.load(config.sentimentModelDir),
            name: `onnx:${config.sentimentModelDir}`,
          }
        : { model: builtinMentionModel(await sentimentModels.load()), name: 'builtin' },
  });
  const listeningTransact = createListeningTransact(db);
  const sourceService = new SourceService({
    sources: repositories.sources,
    brands: repositories.brands,
    transact: listeningTransact,
    secrets: secretBoxFromConfig(config),
    clock,
    crypto,
  });
  const listening = {
    ingestion: new IngestionService(
      {
        transact: listeningTransact,
        brands: repositories.brands,
        loadScorer: () => sentiment.scorer(),
        clock,
        // PGlite has no autovacuum: the pipeline refreshes the planner's statistics as the tables grow.
        ...(database.kind === 'pglite' ? { analyze: () => repositories.mentions.analyze() } : {}),
        // The search indexer: full-text vectors are built after the commit (docs/listening.md, Storage).
        indexSearch: (batches) => repositories.mentions.indexPending(batches),
        searchQueue: () => repositories.mentions.pendingSearchCount(),
      },
      // PGlite runs one statement at a time in this process: smaller ingest transactions let API reads in
      // between them (bench/read-under-import.bench.ts).
      {
        ...(database.kind === 'pglite' ? { maxBatch: pgliteIngestBatch, search: { mode: 'idle' } } : {}),
        ...options.ingestion,
      },
    ),
    mentions: new MentionService({
      mentions: repositories.mentions,
      rollups: repositories.rollups,
      clock,
      explainSentiment: (actor, mention) => sentiment.explain(actor, mention),
    }),
    sources: sourceService,
    listening: new ListeningService({
      brands: services.brands,
      sources: sourceService,
      brandRows: repositories.brands,
      sourceRows: repositories.sources,
      clock,
    }),
  };
  const imports = new ImportService({ brands: repositories.brands, ingestion: listening.ingestion });
  const webhookSources = new WebhookSourceService({
    sources: repositories.sources,
    sourceService,
    ingestion: listening.ingestion,
  });
  const alerts = new AlertService(
    {
      alerts: repositories.alerts,
      channels: repositories.notificationChannels,
      transact: createAlertTransact(db),
      secrets: secretBoxFromConfig(config),
      clock,
      jobs,
      publicUrl: config.publicUrl,
      members: repositories.identity,
    },
    options.alerting,
  );
  const signalTransact = createSignalTransact(db);
  const signals = new SignalService(
    {
      signals: repositories.signals,
      transact: signalTransact,
      detection: repositories.detection,
      rollups: repositories.rollups,
      brands: repositories.brands,
      identity: repositories.identity,
      onCallRows: repositories.onCall,
      onCall,
      alerts,
      crises: warRoom.crises,
      clock,
      jobs,
      publicUrl: config.publicUrl,
    },
    { escalationMinuteMs: config.escalationMinuteSeconds * 1000 },
  );
  const detection = {
    signals,
    routingRules: new RoutingRuleService({
      signals: repositories.signals,
      transact: signalTransact,
      brands: repositories.brands,
      channels: repositories.notificationChannels,
    }),
    detection: new DetectionService(
      { detection: repositories.detection, brands: repositories.brands, signals, clock },
      {
        ...(config.detectionWarmupHours !== undefined ? { warmupHours: config.detectionWarmupHours } : {}),
        ...options.detection,
      },
    ),
  };
  let closed = false;
  return {
    config,
    database,
    clock,
    bus,
    jobs,
    repositories,
    services: {
      ...services,
      ...warRoom,
      ...listening,
      webhookSources,
      imports,
      alerts,
      sentiment,
      ...detection,
    },
    async close() {
      if (closed) return;
      closed = true;
      await listening.ingestion.close();
      await jobs.stop();
      // Detector states to their checkpoints (up to 5 s), so the next start replays less; a failure here only
      // means a longer replay.
      await detection.detection.flush().catch(() => undefined);
      await bus.stop();
      if (!options.database) await database.close();
    },
  };
}
