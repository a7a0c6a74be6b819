package org.xenwb.xsm.validation;

/**
 * Semantic checks of policies beyond syntax and linking. Each diagnostic carries an issue code (a constant of this
 * class) so that the editor can offer quick fixes for it. The checks of issue 5 (wrong kind of name, permission not
 * in the class, wrong macro arity, neverallow violations, duplicates, unused types) are still to be written.
 */
public class XsmValidator extends AbstractXsmValidator {
}
