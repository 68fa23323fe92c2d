/** Physics-informed neural networks. */
package org.sciml4j.pinn;
