/** What may be written into generated code as a property or variable name (`f.name`): never anything else. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names that are identifiers but reach the prototype when read or written as a property. */
export const INHERITED: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
