/**
 * PNG plots written into run folders by every model family: prediction against truth, loss curves, several curves,
 * heat maps. Each file is written atomically; bad series (lengths that differ, x not increasing) are refused with a
 * message naming the series.
 */
package org.sciml4j.plot;
