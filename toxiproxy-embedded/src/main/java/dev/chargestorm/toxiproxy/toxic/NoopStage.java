package dev.chargestorm.toxiproxy.toxic;

/** Passes everything through ({@code noop}). */
final class NoopStage extends Stage {

    NoopStage(Toxic toxic, StageContext context, Receiver out) {
        super(toxic, context, out);
    }

    @Override
    void process() {
        passAll();
    }
}
