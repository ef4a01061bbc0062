/**
 * The rooms of src/ and the one rule between them: a room imports only rooms below it.
 * `npm run lint:arch` (part of `npm test`) fails on a circle or on an arrow that points up.
 * docs/architecture.md explains each room; keep the two in step.
 */
// Top to bottom. A room may import any room listed after it, never one listed before it.
const ROOMS = [
  { name: 'cli', path: '^src/cli\\.ts$' },
  { name: 'composition', path: '^src/(emulator|index)\\.ts$' },
  { name: 'routes', path: '^src/routes/' },
  { name: 'state', path: '^src/(state\\.ts$|client/|feed/)' },
  { name: 'http', path: '^src/http/' },
  { name: 'config', path: '^src/(config/|config\\.ts$|logger\\.ts$|tls\\.ts$|health-probe\\.ts$)' },
  { name: 'directory', path: '^src/directory/' },
  { name: 'recordings', path: '^src/recordings/' },
  { name: 'calls', path: '^src/calls/' },
  { name: 'streaming', path: '^src/streaming/' },
  { name: 'faults', path: '^src/faults/' },
  { name: 'events', path: '^src/events/' },
  { name: 'domain', path: '^src/domain/' },
  {
    name: 'floor',
    path: '^src/(schemas/|journal/|audio/|clock\\.ts$|safe-url\\.ts$|callback-targets\\.ts$)',
  },
];

const upward = ROOMS.slice(1).map((room, i) => ({
  name: `${room.name}-imports-only-downward`,
  comment: `${room.name} may import only rooms below it (${ROOMS.slice(i + 2)
    .map((r) => r.name)
    .join(', ')})`,
  severity: 'error',
  from: { path: room.path },
  to: { path: ROOMS.slice(0, i + 1).map((r) => r.path) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles make rooms impossible to read or test alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-file-has-a-room',
      comment: 'A file under src/ outside every room: add it to a room in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: '^src/', pathNot: ROOMS.map((r) => r.path) },
      to: {},
    },
    ...upward,
    {
      name: 'page-imports-no-server-room',
      comment:
        'The dashboard page (web/) runs in a browser: it reaches the emulator over HTTP only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'server-imports-no-page',
      comment: 'The server serves the built page (dist/dashboard); it never imports its sources.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
