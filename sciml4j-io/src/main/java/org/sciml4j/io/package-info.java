/**
 * Reading and writing the files scientists exchange, as float64 {@link org.sciml4j.tensor.Tensor}s: NumPy
 * {@link org.sciml4j.io.Npy .npy} and {@link org.sciml4j.io.Npz .npz}, {@link org.sciml4j.io.SafeTensors
 * safetensors}, numeric {@link org.sciml4j.io.TextTable text tables} and MATLAB {@link org.sciml4j.io.Mat .mat}.
 * <p>
 * Shapes are kept as the file states them (row-major in memory; column-major sources are reordered). Damaged or
 * unsupported files give a {@link org.sciml4j.io.DataFormatException} naming the file, the entry and what was
 * expected; writers replace files atomically through {@link org.sciml4j.io.AtomicFiles}.
 */
package org.sciml4j.io;
