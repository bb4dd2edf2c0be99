package dev.telemetryagent.instrument;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.InstrumentSpec;
import dev.telemetryagent.record.MethodSite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to weave where, derived from the configuration alone: which classes (by exact internal name,
 * or as subtypes of a configured one), which methods, and the id each method's advice carries. Ids
 * are stable for a given configuration (picocli is 0, then entries and methods in file order), so
 * woven bytes cached by one run stay valid for the next.
 */
public final class WeavePlan {
    /** Internal name of picocli's command line. */
    static final String PICOCLI = "picocli/CommandLine";

    private final MethodSite[] sites;
    private final Map<String, List<MethodSite>> exact = new HashMap<>();
    private final Map<String, List<MethodSite>> subtypeRoots = new HashMap<>();
    private final String mainClass;

    private WeavePlan(MethodSite[] sites, String mainClass) {
        this.sites = sites;
        this.mainClass = mainClass;
    }

    /**
     * Builds the plan.
     *
     * @param mainClass binary name of the application's main class whose {@code main} drops
     *     {@code --disable-telemetry}, or null
     */
    public static WeavePlan of(AgentConfig config, String mainClass) {
        List<MethodSite> list = new ArrayList<>();
        list.add(null);
        for (InstrumentSpec spec : config.instruments()) {
            if (spec.picocli()) {
                list.set(0, new MethodSite(0, spec, "execute"));
                continue;
            }
            for (String method : spec.methods()) {
                list.add(new MethodSite(list.size(), spec, method));
            }
        }
        WeavePlan plan = new WeavePlan(list.toArray(new MethodSite[0]),
                mainClass == null ? null : mainClass.replace('.', '/'));
        for (MethodSite site : plan.sites) {
            if (site == null) {
                continue;
            }
            if (site.spec().picocli()) {
                plan.add(plan.exact, PICOCLI, site);
                continue;
            }
            String internal = site.spec().className().replace('.', '/');
            plan.add(site.spec().subtypes() ? plan.subtypeRoots : plan.exact, internal, site);
            if (site.spec().subtypes()) {
                plan.add(plan.exact, internal, site);
            }
        }
        return plan;
    }

    private void add(Map<String, List<MethodSite>> map, String key, MethodSite site) {
        List<MethodSite> l = map.get(key);
        if (l == null) {
            l = new ArrayList<>(4);
            map.put(key, l);
        }
        l.add(site);
    }

    /** Sites indexed by id (index 0 is null when picocli is not instrumented). */
    public MethodSite[] sites() {
        return sites.clone();
    }

    /** Sites to weave into a class named exactly so, or an empty list. */
    List<MethodSite> exact(String internalName) {
        List<MethodSite> l = exact.get(internalName);
        return l == null ? Collections.<MethodSite>emptyList() : l;
    }

    /** Whether any entry asks for subtypes. */
    boolean hasSubtypeRoots() {
        return !subtypeRoots.isEmpty();
    }

    /** Internal names whose subtypes are instrumented, with their sites. */
    Map<String, List<MethodSite>> subtypeRoots() {
        return subtypeRoots;
    }

    /**
     * A fingerprint of everything that decides woven bytes: each site's id, class, method and kind,
     * and the main class. Configuration outside {@code [[instrument]]} (endpoint, mode...) does not
     * change it, so editing those keeps the woven-class cache warm.
     */
    String fingerprint() {
        long h = 1469598103934665603L;
        StringBuilder sb = new StringBuilder();
        for (MethodSite site : sites) {
            if (site == null) {
                sb.append("-;");
                continue;
            }
            sb.append(site.id()).append(',').append(site.spec().picocli()).append(',')
                    .append(site.spec().className()).append(',').append(site.spec().subtypes()).append(',')
                    .append(site.method()).append(';');
        }
        sb.append(mainClass);
        for (int i = 0; i < sb.length(); i++) {
            h ^= sb.charAt(i);
            h *= 1099511628211L;
        }
        return Long.toHexString(h);
    }

    /** Internal name of the main class to strip {@code --disable-telemetry} from, or null. */
    String mainClass() {
        return mainClass;
    }

    /**
     * Internal names of every class the plan names (the main class included), or null when an entry asks
     * for subtypes: any class the run defines may then be a target.
     */
    Set<String> namedTargetsOnly() {
        if (hasSubtypeRoots()) {
            return null;
        }
        Set<String> names = new HashSet<>(exact.keySet());
        if (mainClass != null) {
            names.add(mainClass);
        }
        return names;
    }

    /** Whether a class of this internal name may need weaving regardless of its hierarchy. */
    boolean isNamedTarget(String internalName) {
        return exact.containsKey(internalName) || internalName.equals(mainClass);
    }
}
