// Triggers a browser download of a file served by an authorised endpoint.
window.dashboardDownload = (url) => {
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
};

// Brings a combobox's active option into its list's view (the input keeps the focus: aria-activedescendant).
window.dashboardScrollIntoView = (id) => document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
