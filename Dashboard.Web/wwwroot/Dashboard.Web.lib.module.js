// Blazor loads this module by its name (a JS initializer) and calls afterWebStarted once it runs.

// A grid whose rows are drawn as markup has no click handler per button: a click on a row's Assign or Cancel button
// (data-action and data-row) raises `rowaction` from the button, and the grid's body hears it (@onrowaction).
document.addEventListener('click', event => {
    const button = event.target instanceof Element ? event.target.closest('button[data-action][data-row]') : null;
    if (button && !button.disabled) {
        button.dispatchEvent(new CustomEvent('rowaction', {
            bubbles: true,
            detail: { action: button.dataset.action, row: Number(button.dataset.row) },
        }));
    }
});

export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('rowaction', {
        createEventArgs: event => ({ action: event.detail.action, row: event.detail.row }),
    });
}
