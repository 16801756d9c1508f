import { describeMetaStore } from '../meta-store.contract.js';
import { openSqliteMetaStore } from './open-sqlite.js';

describeMetaStore('SQLite', () => openSqliteMetaStore(':memory:'));
