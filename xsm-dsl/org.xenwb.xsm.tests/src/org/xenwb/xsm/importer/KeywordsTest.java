package org.xenwb.xsm.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.xtext.GrammarUtil;
import org.junit.jupiter.api.Test;
import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.services.XsmGrammarAccess;

/** The importer's list of keywords (names macro parameters must avoid) is the grammar's. */
class KeywordsTest {

    @Test
    void keywordsAreTheGrammars() {
        XsmGrammarAccess grammar = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XsmGrammarAccess.class);
        Set<String> words = new TreeSet<>();
        for (String keyword : GrammarUtil.getAllKeywords(grammar.getGrammar())) {
            if (keyword.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                words.add(keyword);
            }
        }
        assertEquals(words, new TreeSet<>(Keywords.ALL));
    }
}
