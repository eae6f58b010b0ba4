/**
 * JSON text known to be the serialisation of a `T`, for an answer built from text already serialised (a new
 * quote's 40 KB rating result, written to its row and answered as the same text). The brand carries `T` to the
 * edge, so a route still checks at compile time that what it answers matches its declared response.
 */
export type JsonText<T> = string & { readonly serialises: T };

/** Marks text as the serialisation of a `T`; the caller vouches for it (a test parses it back). */
export const asJsonText = <T>(text: string): JsonText<T> => text as JsonText<T>;
