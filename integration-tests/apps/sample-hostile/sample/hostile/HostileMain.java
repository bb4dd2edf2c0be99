package sample.hostile;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Methods whose arguments have dangerous no-argument methods ({@code File.delete},
 * {@code BlockingQueue.take}) and an object holding a password in a private field: a config naming
 * those must read nothing harmful. Prints what it saw, so a run with the agent can be compared.
 */
public final class HostileMain {
    private HostileMain() {
    }

    /** Takes a file the caller keeps. */
    public static long inspect(File file) {
        return file.length();
    }

    /** Looks at an (empty) queue without taking from it. */
    public static int peek(BlockingQueue<String> queue) {
        return queue.size();
    }

    /** A database handle that keeps its password in a private field. */
    public static final class Db {
        private final String dbPassword;
        private final String name;

        public Db(String name, String dbPassword) {
            this.name = name;
            this.dbPassword = dbPassword;
        }

        public String open() {
            return name + " open";
        }

        int passwordLength() {
            return dbPassword.length();
        }
    }

    public static void main(String[] args) throws IOException {
        File keep = new File(args[0]);
        System.out.println("length " + inspect(keep));
        System.out.println("exists " + keep.exists());
        System.out.println("size " + peek(new LinkedBlockingQueue<String>()));
        Db db = new Db("warehouse", args[1]);
        System.out.println(db.open() + " " + db.passwordLength());
    }
}
