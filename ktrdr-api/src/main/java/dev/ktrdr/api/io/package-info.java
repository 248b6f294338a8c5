/**
 * File input and output helpers shared by the library's modules: bounded reads of regular files
 * ({@link dev.ktrdr.api.io.BoundedFiles}), bounded gzip decompression
 * ({@link dev.ktrdr.api.io.BoundedGzip}), strict text decoding ({@link dev.ktrdr.api.io.StrictText}) and
 * atomic, link-safe writes ({@link dev.ktrdr.api.io.AtomicFiles}).
 *
 * <p><b>Internal use.</b> This package is public so that ktrdr-data, ktrdr-training, ktrdr-storage and
 * the command line can share one implementation; it is not part of the stable API and may change
 * between releases. Applications use the readers and writers of those modules instead.
 */
package dev.ktrdr.api.io;
