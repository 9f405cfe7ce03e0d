/**
 * C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): never valid in a title or a search, and
 * kept out of index sort keys, whose separators sit below every printable character.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** The same rule as a JSON Schema pattern, for the reference: text without control characters. */
export const WITHOUT_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
