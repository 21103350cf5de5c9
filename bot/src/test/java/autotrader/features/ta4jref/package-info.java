/** The ta4j-based feature engine of commit e4adedf, kept unchanged as the test oracle of autotrader.features. */
package autotrader.features.ta4jref;
