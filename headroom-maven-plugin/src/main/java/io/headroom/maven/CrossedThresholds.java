package io.headroom.maven;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the crossed thresholds out of the JUnit XML that {@code headroom run --junit} wrote: one line per
 * failed test case of the {@code thresholds} suite, "selector expression: measured value" as the CLI says
 * it. Reading the file rather than the console keeps the goal's message independent of the console layout.
 */
final class CrossedThresholds {
    private CrossedThresholds() {}

    /** One line per crossed threshold; empty when the file is missing or lists none. */
    static List<String> read(Path junitXml) {
        List<String> crossed = new ArrayList<>();
        if (!Files.isRegularFile(junitXml)) return crossed;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList suites = factory.newDocumentBuilder().parse(junitXml.toFile()).getElementsByTagName("testsuite");
            for (int i = 0; i < suites.getLength(); i++) {
                Element suite = (Element) suites.item(i);
                if (!suite.getAttribute("name").endsWith("thresholds")) continue; // "headroom.thresholds"
                NodeList cases = suite.getElementsByTagName("testcase");
                for (int j = 0; j < cases.getLength(); j++) {
                    Element testCase = (Element) cases.item(j);
                    NodeList failures = testCase.getElementsByTagName("failure");
                    if (failures.getLength() == 0) continue;
                    crossed.add(testCase.getAttribute("name") + ": " + ((Element) failures.item(0)).getAttribute("message"));
                }
            }
        } catch (Exception e) {
            crossed.add("(could not read " + junitXml + ": " + e.getMessage() + ")");
        }
        return crossed;
    }
}
