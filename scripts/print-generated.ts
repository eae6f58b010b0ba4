/**
 * Prints every function src/codegen generates for a rating model, in the order it is generated:
 * `npx tsx scripts/print-generated.ts [modelFile]` (default models/iot-cyber-1.0.0.json).
 */
import { readFileSync } from 'node:fs';
import { type GeneratedSource, onGenerated } from '../src/codegen/generate';

const file = process.argv[2] ?? new URL('../models/iot-cyber-1.0.0.json', import.meta.url).pathname;
const sources: GeneratedSource[] = [];
onGenerated((source) => sources.push(source));

// Imported only once listening: the fact objects and the posture copy are generated as their modules load.
const { rate } = await import('../src/domain/rate');
const { scoreRequestExample } = await import('../src/domain/posture');
const { compileRatingModel } = await import('../src/models/compile-model');

const model = compileRatingModel(JSON.parse(readFileSync(file, 'utf8')));
// A model's unknown-answer walk is generated at its first rating.
rate(model, { ...scoreRequestExample, asOf: scoreRequestExample.asOf ?? model.effectiveFrom });
onGenerated(null);

for (const { kind, label, parameters, body } of sources) {
  process.stdout.write(`// ${kind}: ${label}\nfunction (${parameters.join(', ')}) {\n${body}\n}\n\n`);
}
