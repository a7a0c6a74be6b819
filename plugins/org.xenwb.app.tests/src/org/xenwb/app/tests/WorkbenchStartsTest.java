package org.xenwb.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.resources.ProjectExplorer;
import org.junit.jupiter.api.Test;
import org.xenwb.app.XenWorkbenchApplication;

/**
 * Starts the real Xen Workbench application (the test runs beside it, off the UI thread) and checks what a user
 * sees first: the main window titled "Xen Workbench" with the default perspective and its views. Saves a
 * screenshot to {@code target/screenshots/workbench.png} for a person to look at.
 */
class WorkbenchStartsTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void mainWindowOpensWithTheDefaultPerspective() throws Exception {
        IWorkbenchWindow window = waitFor(() -> {
            IWorkbenchWindow[] windows = PlatformUI.getWorkbench().getWorkbenchWindows();
            return windows.length > 0 && windows[0].getActivePage() != null ? windows[0] : null;
        });
        Display display = PlatformUI.getWorkbench().getDisplay();

        String title = onUiThread(display, () -> window.getShell().getText());
        assertEquals("Xen Workbench", title);
        assertTrue(onUiThread(display, () -> window.getShell().isVisible()), "the main window is visible");

        IWorkbenchPage page = window.getActivePage();
        assertEquals(XenWorkbenchApplication.DEFAULT_PERSPECTIVE_ID,
                onUiThread(display, () -> page.getPerspective().getId()));
        assertNotNull(onUiThread(display, () -> page.findView(ProjectExplorer.VIEW_ID)), "Project Explorer shown");
        assertNotNull(onUiThread(display, () -> page.findView(IPageLayout.ID_PROBLEM_VIEW)), "Problems shown");

        Path screenshot = Path.of("target", "screenshots", "workbench.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        onUiThread(display, () -> {
            saveScreenshot(window.getShell(), screenshot);
            return null;
        });
        assertTrue(Files.size(screenshot) > 1000, "screenshot written to " + screenshot);

        List<String> errors = errorsInLog();
        assertTrue(errors.isEmpty(), "the workbench logged errors while starting:\n" + String.join("\n", errors));
    }

    /**
     * The error entries (severity 4) of the workbench's log: a start-up that logs errors (a missing extender, an
     * image format without a provider) is broken for users even when the window opens.
     */
    private static List<String> errorsInLog() throws IOException {
        Path log = Path.of(Platform.getLogFileLocation().toOSString());
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(log);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).split(" ");
            if (words.length > 2 && words[0].equals("!ENTRY") && words[2].equals("4")) {
                String message = i + 1 < lines.size() ? lines.get(i + 1) : "";
                String cause = i + 3 < lines.size() ? lines.get(i + 3) : "";
                errors.add(words[1] + ": " + message + " / " + cause);
            }
        }
        return errors;
    }

    @Test
    void productBrandingIsResolved() {
        IProduct product = Platform.getProduct();
        assertNotNull(product, "the workbench runs as the Xen Workbench product");
        assertEquals("org.xenwb.app.product", product.getId());
        assertEquals("Xen Workbench", product.getName());
        assertEquals("Xen Workbench", product.getProperty("appName"));
        String about = product.getProperty("aboutText");
        assertTrue(about.startsWith("Xen Workbench"), about);
        assertTrue(!about.contains("%") && !product.getName().contains("%"), "no untranslated %keys: " + about);
        IPerspectiveDescriptor perspective = PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(XenWorkbenchApplication.DEFAULT_PERSPECTIVE_ID);
        assertEquals("Xen Workbench", perspective.getLabel());
    }

    private static void saveScreenshot(Shell shell, Path file) {
        Display display = shell.getDisplay();
        while (display.readAndDispatch()) {
            // let pending paints finish so the picture shows the laid-out window
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {data};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (PlatformUI.isWorkbenchRunning()) {
                Display display = PlatformUI.getWorkbench().getDisplay();
                T value = onUiThread(display, probe);
                if (value != null) {
                    return value;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the workbench window did not open within " + START_TIMEOUT);
    }

    private static <T> T onUiThread(Display display, Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        display.syncExec(() -> result.set(task.get()));
        return result.get();
    }
}
