/**
 * Fused Taylor-mode passes of networks ({@link org.sciml4j.nn.jet.TaylorJet}): value and derivatives along input
 * columns in one pass, offered by a network through {@link org.sciml4j.nn.Module#taylorJet()}.
 */
package org.sciml4j.nn.jet;
