/**
 * Model storage: versioned, checksummed, crash-safe model directories ({@link dev.ktrdr.storage.FileModelStore}),
 * the fallback chain that finds a model for any symbol ({@link dev.ktrdr.storage.StoreModelLoader}) and the
 * migration of the older symbol-specific layout ({@link dev.ktrdr.storage.LegacyMigration}).
 *
 * <pre>
 * {root}/{strategy}/{scope}_{timeframes}_v{n}/     scope: universal | group-{name} | {SYMBOL}
 *     model.bin  features.json  scaler.json  strategy.yaml  metrics.json  history.csv  metadata.json
 *     manifest.json                                 sha-256 of the seven files above + its own hash
 * {root}/{strategy}/latest-{scope}_{timeframes}    one line: the current version directory's name
 * {root}/{strategy}/.staging-{pid}-{uuid}/         a save in progress (never read; removed once its writer is dead)
 * {root}/{strategy}/.deleting-{pid}-{uuid}/        a version being removed by prune or delete (never read)
 * {root}/{strategy}/.legacy/                       legacy directories after migration
 * {root}/{strategy}/.lock                          lock file for pointer updates
 * </pre>
 *
 * <p>Decisions: {@code {timeframes}} is the timeframe set, finest first, joined with {@code -}
 * ({@code 1h-4h-1d}); the configured order is kept in metadata.json. Version numbers start at 1 and
 * increase per scope and timeframe set; a deleted number may be reused by a later save only if it was the
 * highest. Only the version a {@code latest} pointer names takes part in resolution; older versions stay
 * listed and can be promoted. Links are never followed inside a strategy directory (a linked version,
 * file or pointer is refused with its reason), and files are read only when they are regular, through a
 * bounded stream. JSON is read through Jackson's tree model with explicit field names, size
 * and depth limits; YAML through SnakeYAML's safe constructor with alias, depth and size limits.
 *
 * <p>What a version directory's format version means: {@code metadata.json}'s {@code layout_version}
 * (this library writes {@value dev.ktrdr.storage.FileModelStore#LAYOUT_VERSION}) and the codec's format id
 * and version of {@code model.bin}. A newer one is refused with "written by a newer library version X". A
 * golden directory per layout version lives in this module's test resources and must keep loading with
 * identical predictions.
 */
package dev.ktrdr.storage;
