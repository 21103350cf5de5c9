/**
 * SQLite through Jdbi: the store, versioned migrations, and the repositories of scans, decisions,
 * jobs and daemon state.
 */
package autotrader.store;
