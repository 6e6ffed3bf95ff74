// Triggers a browser download of a file served by an authorised endpoint.
window.dashboardDownload = (url) => {
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
};
