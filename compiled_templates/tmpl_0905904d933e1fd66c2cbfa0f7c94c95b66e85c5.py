from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_entete.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_titre_document = resolve('titre_document')
    l_0_document = resolve('document')
    l_0_parties = resolve('parties')
    l_0_organisation = resolve('organisation')
    l_0_statut_document = resolve('statut_document')
    try:
        t_1 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_2 = environment.filters['yaml_str']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_str' found.")
    try:
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '---\ntitle: '
    yield escape(environment.finalize(t_2((undefined(name='titre_document') if l_0_titre_document is missing else l_0_titre_document))))
    yield '\nsubtitle: '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'sous_titre'))))
    yield '\ndate: '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date'))))
    yield '\nlang: fr-FR\n---\n\n| | |\n|----------------|------------------------------------------------------|\n| **Entreprise** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'entreprise'))))
    yield ' |\n| **Association** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'association'))))
    yield ' |\n| **Établi par** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom'))))
    yield ' |\n| **Version du** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'date'))))
    yield ' (dernière mise à jour du projet) |\n| **Statut** | '
    if t_3((undefined(name='statut_document') if l_0_statut_document is missing else l_0_statut_document)):
        pass
        yield escape(environment.finalize((undefined(name='statut_document') if l_0_statut_document is missing else l_0_statut_document)))
    else:
        pass
        yield 'Projet, à valider par les deux parties'
    yield ' |\n\n'

blocks = {}
debug_info = '4=35&5=37&6=39&12=41&13=43&14=45&15=47&16=49'