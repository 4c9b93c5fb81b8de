// IndexedDB for Node: the same idb code paths the browser uses, backed by fake-indexeddb.
import 'fake-indexeddb/auto';
process.env.TZ = 'UTC';
