import fc from 'fast-check';

/**
 * Property tests run from a fixed seed so that CI is repeatable: a failure there is a failure anyone can replay.
 * Set PROPERTY_SEED (and PROPERTY_RUNS) to explore other inputs locally.
 */
fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20_261_122) });
