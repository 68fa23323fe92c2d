/** Reading and writing data files and checkpoints: NumPy, safetensors, text tables, MATLAB. */
package org.sciml4j.io;
