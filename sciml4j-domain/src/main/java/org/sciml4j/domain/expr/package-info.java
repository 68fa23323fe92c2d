/**
 * The expression language of PINN problem files: residuals such as {@code u_t + u*u_x - (0.01/pi)*u_xx} are parsed
 * ({@link org.sciml4j.domain.expr.Expression}), bound to the problem's variables, fields and parameters
 * ({@link org.sciml4j.domain.expr.Vocabulary}, {@link org.sciml4j.domain.expr.BoundExpression}), and evaluated as a
 * differentiable tensor computation ({@link org.sciml4j.domain.expr.Evaluation}). Errors point at the file's line and
 * column ({@link org.sciml4j.domain.expr.ExpressionException}).
 */
package org.sciml4j.domain.expr;
