/**
 * config.yaml's model, strict loading and validation (a bad key is exit 2 with the file and key
 * named), and secret references resolved from the environment or an owner-only file.
 */
package autotrader.config;
