// The shape of a catalog section: the Japanese section of an area has exactly the keys of its English one.
export type Message = string | { readonly one?: string; readonly other: string };
export type Translation<T> = { readonly [K in keyof T]: Message };
