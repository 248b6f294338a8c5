/**
 * The on-disk feature store: one memory-mapped shard per symbol ({@link dev.ktrdr.training.shard.FeatureShard})
 * holding the symbol's float32 features column by column, its row times and its labels, keyed by the
 * feature-relevant strategy settings and a hash of the input bars ({@link dev.ktrdr.training.shard.ShardKey});
 * {@link dev.ktrdr.training.shard.FeatureStore} reuses a shard when key and checksum match and rebuilds it
 * otherwise. {@link dev.ktrdr.training.shard.ShardRows} trains the MLP from mapped shards with a streaming
 * scaler fit and {@link dev.ktrdr.training.shard.StreamingSampler} draws a bounded number of rows per epoch.
 */
package dev.ktrdr.training.shard;
