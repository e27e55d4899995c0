/**
 * The organisation module's public surface for other modules: who works where, who handles what, and the
 * workload view they add counters to. Other modules never read the org_* tables.
 */
export { findCurrentAnnouncement, getCurrentAnnouncement, whoHandles } from './assignments';
export { communeOfBody, findActivation, listBodies } from './bodies';
export {
  assertPositionAllowed,
  communeOfOfficial,
  currentTitles,
  getOfficial,
  insertPositionInTx,
  listOfficials,
  officialFacts,
  officialProfiles,
  titlesOn,
  workTitlesOn,
} from './officials';
export { registerOrgRoutes } from './routes';
export { registerWorkloadCounter, type WorkloadCounterSource } from './workload';
