/** Networks: layers, MLPs, embeddings, named parameters. */
package org.sciml4j.nn;
