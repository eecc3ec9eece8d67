package nnlang.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The lifecycle mapping that Eclipse (and IntelliJ) read from the plugin's jar runs the compile
 * goals on incremental builds and never trains, and covers every goal the plugin has, so that a new
 * goal cannot be forgotten there.
 */
class IdeLifecycleMappingTest {

    @Test
    void compileGoalsRunOnIncrementalBuildsAndTrainingNever() throws Exception {
        Map<String, String> actions = new TreeMap<>();
        Document mapping = read("/META-INF/m2e/lifecycle-mapping-metadata.xml");
        NodeList executions = mapping.getElementsByTagName("pluginExecution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            Element action = (Element) execution.getElementsByTagName("action").item(0);
            String what;
            if (action.getElementsByTagName("ignore").getLength() == 1) {
                what = "ignore";
            } else {
                what = "execute incremental=" + text(action, "runOnIncremental")
                        + " configuration=" + text(action, "runOnConfiguration");
            }
            for (String goal : texts(execution, "goal")) {
                actions.put(goal, what);
            }
        }
        assertEquals(Map.of(
                "compile", "execute incremental=true configuration=true",
                "testCompile", "execute incremental=true configuration=true",
                "train", "ignore"), actions);
    }

    @Test
    void everyGoalButHelpIsMapped() throws Exception {
        List<String> goals = new ArrayList<>();
        NodeList mojos = read("/META-INF/maven/plugin.xml").getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            goals.add(text((Element) mojos.item(i), "goal"));
        }
        goals.remove("help");
        goals.sort(null);
        assertEquals(List.of("compile", "testCompile", "train"), goals);
    }

    private static Document read(String resource) throws Exception {
        try (InputStream in = IdeLifecycleMappingTest.class.getResourceAsStream(resource)) {
            assertEquals(true, in != null, resource + " is in the plugin's jar");
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static String text(Element parent, String tag) {
        return texts(parent, tag).get(0);
    }
}
