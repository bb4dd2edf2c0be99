package sample.pipeline;

/** An abstract layer between Source and ApiSource, so matching must walk the hierarchy. */
public abstract class AbstractSource implements Source {
}
