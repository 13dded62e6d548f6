package io.lagzero.sink.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code column.mapping} syntax; see {@link ColumnMapping#parse}. */
final class RuleParser {
    static final String ACTIONS = "rename:<target_name>, exclude, hex_to_binary or type:<SQL type> (type: last)";

    private RuleParser() {
    }

    static List<ColumnRule> parse(String text) {
        List<ColumnRule> rules = new ArrayList<>();
        if (text == null) {
            return rules;
        }
        for (String part : text.split(";")) {
            String rule = part.strip();
            if (!rule.isEmpty()) {
                rules.add(rule(rule));
            }
        }
        return rules;
    }

    private static ColumnRule rule(String text) {
        String[] words = text.split("\\s+", 2);
        String[] path = words[0].split("\\.", -1);
        if (path.length != 3 || path[0].isEmpty() || path[1].isEmpty() || path[2].isEmpty()) {
            throw ColumnRule.invalid(text, "does not start with <db>.<table>.<column>",
                    "name the column as db.table.column, e.g. shop.pageviews.user_sig "
                            + "(identifiers with dots are not supported)");
        }
        if (words.length < 2) {
            throw ColumnRule.invalid(text, "has no action", "add " + ACTIONS);
        }
        Actions actions = new Actions(text);
        String rest = words[1];
        while (!rest.isEmpty()) {
            String[] split = rest.split("\\s+", 2);
            if (split[0].toLowerCase(Locale.ROOT).startsWith("type:")) {
                actions.type(rest.substring("type:".length()).strip());
                break;
            }
            actions.add(split[0]);
            rest = split.length > 1 ? split[1] : "";
        }
        return new ColumnRule(path[0], path[1], path[2], actions.targetName, actions.exclude, actions.conversion,
                actions.targetType);
    }

    /** The actions of one rule, each allowed once. */
    private static final class Actions {
        private final String rule;
        private String targetName;
        private boolean exclude;
        private Conversion conversion;
        private String targetType;

        Actions(String rule) {
            this.rule = rule;
        }

        void add(String action) {
            String lower = action.toLowerCase(Locale.ROOT);
            if (lower.startsWith("rename:")) {
                once(targetName == null, "rename");
                targetName = action.substring("rename:".length());
                if (targetName.isEmpty()) {
                    throw ColumnRule.invalid(rule, "has rename: without a name",
                            "write rename:<target_name>, e.g. rename:user_signature");
                }
            } else if (lower.equals("exclude")) {
                once(!exclude, "exclude");
                exclude = true;
            } else if (Conversion.forAction(lower) != null) {
                once(conversion == null, "a conversion");
                conversion = Conversion.forAction(lower);
            } else {
                throw ColumnRule.invalid(rule, "has unknown action '" + action + "'", "use " + ACTIONS);
            }
        }

        void type(String type) {
            if (type.isEmpty()) {
                throw ColumnRule.invalid(rule, "has type: without a type",
                        "write type:<SQL type>, e.g. type:NUMERIC(20,6)");
            }
            for (String word : type.split("\\s+")) {
                String lower = word.toLowerCase(Locale.ROOT);
                if (lower.equals("exclude") || lower.contains(":") || Conversion.forAction(lower) != null) {
                    throw ColumnRule.invalid(rule, "has '" + word + "' after type:",
                            "put type:<SQL type> last in the rule; it takes the rest of the rule");
                }
            }
            targetType = type;
        }

        private void once(boolean first, String what) {
            if (!first) {
                throw ColumnRule.invalid(rule, "has " + what + " twice", "give each action once per rule");
            }
        }
    }
}
