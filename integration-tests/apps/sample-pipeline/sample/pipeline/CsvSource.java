package sample.pipeline;

/** One implementation of Source. */
public class CsvSource implements Source {
    @Override
    public int fetch(String table) {
        return table.length();
    }
}
