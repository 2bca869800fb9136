"""Read queries of the transparency app: the published list (``operations``), publications and their
differences (``publications``), project pages and the priority trace (``projects``), the programme overview
(``overview``)."""
