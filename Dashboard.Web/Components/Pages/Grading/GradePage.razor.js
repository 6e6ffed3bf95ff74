// Ctrl+S on the grading screen saves the grading, never the browser's "Save page as" dialog. The page's own
// keydown handler does the saving; when nothing inside the screen has the focus (the key went to the body),
// the key is handed to the screen so that it still saves.
document.addEventListener('keydown', event => {
    const root = document.querySelector('[data-grading-keys]');
    // The key handed on below comes back here (isTrusted false): it must not be handed on again.
    if (!event.isTrusted || !root || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') {
        return;
    }

    event.preventDefault();
    if (!root.contains(document.activeElement)) {
        root.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey, bubbles: true }));
    }
});
