/**
 * Equations and modes from data: derivatives of signals, SINDy and PDE-FIND, the DMD family.
 */
package org.sciml4j.discovery;
