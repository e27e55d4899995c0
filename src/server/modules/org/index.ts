/**
 * The organisation module's public surface for other modules: who works where, who handles what, and the
 * workload view they add counters to. Other modules never read the org_* tables.
 */
export { findCurrentAnnouncement, getCurrentAnnouncement, whoHandles } from './assignments';
export { findActivation, listBodies } from './bodies';
export {
  communeOfOfficial,
  currentTitles,
  getOfficial,
  listOfficials,
  officialFacts,
  officialProfiles,
  titlesOn,
  workTitlesOn,
} from './officials';
export { registerOrgRoutes } from './routes';
export { registerWorkloadCounter, type WorkloadCounterSource } from './workload';
