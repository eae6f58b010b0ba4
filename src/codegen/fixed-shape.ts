import { generate } from './generate';
import { IDENTIFIER } from './identifiers';

/** A property of a fixed-shape object, and the type that sets its initial value. */
export interface ShapeField {
  name: string;
  type: 'number' | 'boolean' | 'string';
}

/**
 * Builds a constructor whose instances have every declared name as an own property, initialised in declaration
 * order, so all instances share one hidden class and generated code reads them as fast as a hand-written object.
 */
export function fixedShape<T extends object>(label: string, fields: readonly ShapeField[]): new () => T {
  const body = fields
    .map((field) => {
      if (!IDENTIFIER.test(field.name)) throw new Error(`bad fact name ${field.name}`);
      const initial = field.type === 'number' ? '0' : field.type === 'boolean' ? 'false' : '""';
      return `this.${field.name} = ${initial};`;
    })
    .join('\n');
  return generate<new () => T>('fixed-shape', label, [], body);
}

/**
 * A reader of one declared fact. `facts[name]` with a name known only at run time is a keyed lookup V8 cannot
 * specialise, and rating reads some seventy such values per applicant; a compiled `f.name` is a plain property
 * load on the fixed shape above.
 */
export function factReader<T extends object>(name: string): (facts: T) => T[keyof T] {
  if (!IDENTIFIER.test(name)) throw new Error(`bad fact name ${name}`);
  return generate<(facts: T) => T[keyof T]>('fact-reader', name, ['f'], `return f.${name};`);
}
