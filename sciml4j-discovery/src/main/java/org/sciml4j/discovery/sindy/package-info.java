/**
 * SINDy (sparse identification of nonlinear dynamics) and PDE-FIND: feature libraries, sparse regressors (STLSQ,
 * SR3, ensembles), the weak form for noisy data, and the fitted model (equations, prediction, simulation, scores).
 */
package org.sciml4j.discovery.sindy;
