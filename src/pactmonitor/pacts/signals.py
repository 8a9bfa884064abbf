"""What the pact registry tells the apps above it, without importing them.

``action_added`` (with ``action=``) is sent when an editor adds an action in the work pages,
inside the transaction that saves it; progress gives it a draft in every open round
(``progress.apps``). The dataset loader and the admin do not send it.
"""

from django.dispatch import Signal

action_added = Signal()
